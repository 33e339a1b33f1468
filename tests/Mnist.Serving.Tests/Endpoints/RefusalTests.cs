using System.Net.Sockets;

namespace Mnist.Serving.Tests.Endpoints;

/// <summary>Refusals the framework makes (no such endpoint, wrong method, target or headers too long, a foreign
/// Host) carry <c>{"error": ...}</c> like the endpoints' own.</summary>
public class RefusalTests(ServedModelFiles models) : FirstModelServerTests(models)
{
    [Fact]
    public async Task Get_NoSuchEndpoint_404WithError()
    {
        var response = await Server.Client.GetAsync("no-such-page");

        await BadInputTests.AssertRefusedAsync(response, 404, "no endpoint GET /no-such-page");
    }

    [Fact]
    public async Task Get_PostOnlyEndpoint_405WithAllowAndError()
    {
        var response = await Server.Client.GetAsync("predict");

        await BadInputTests.AssertRefusedAsync(response, 405, "method GET is not allowed on /predict; allowed: POST");
        Assert.Equal(["POST"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Get_TargetOver8KiB_414WithError()
    {
        var response = await Server.Client.GetAsync("health?q=" + new string('a', 9000));

        await BadInputTests.AssertRefusedAsync(response, 414, "over the limit of 8192");
    }

    [Fact]
    public async Task Get_HeadersOver32KiB_431WithError()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "health");
        for (int i = 0; i < 5; i++) request.Headers.Add($"X-Padding-{i}", new string('a', 8000));

        var response = await Server.Client.SendAsync(request);

        await BadInputTests.AssertRefusedAsync(response, 431, "over the limit of 32768");
    }

    [Theory]
    [InlineData("evil.example:666", 400)]
    [InlineData("localhost", 200)]
    [InlineData("127.0.0.1", 200)]
    public async Task OpenApi_HostHeader_OnlyLoopbackNamesAnswered(string host, int status)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, MnistServer.OpenApiPath.TrimStart('/'));
        request.Headers.Host = host;

        var response = await Server.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.DoesNotContain("evil.example", text);
        if (status == 400) await BadInputTests.AssertRefusedAsync(response, 400, "Host header names a host this server does not answer to");
    }

    [Fact]
    public async Task Model_AllowedHostsGiven_OthersRefused()
    {
        await using var server = await RunningServer.StartAsync(Models.FirstPath, o => o.AllowedHosts = ["digits.example"]);
        var allowed = new HttpRequestMessage(HttpMethod.Get, "model") { Headers = { Host = "digits.example:8080" } };
        var loopback = new HttpRequestMessage(HttpMethod.Get, "model") { Headers = { Host = "localhost" } };

        Assert.Equal(200, (int)(await server.Client.SendAsync(allowed)).StatusCode);
        Assert.Equal(400, (int)(await server.Client.SendAsync(loopback)).StatusCode);
    }

    [Fact]
    public async Task Post_BadChunkedFraming_400WithError()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(Server.Address.Host, Server.Address.Port);
        var stream = tcp.GetStream();

        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "POST /predict HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"));
        var answer = await new StreamReader(stream).ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.StartsWith("HTTP/1.1 400 ", answer);
        Assert.Contains("{\"error\":", answer);
    }
}

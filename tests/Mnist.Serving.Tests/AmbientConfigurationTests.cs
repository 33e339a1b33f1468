using System.Net;
using System.Net.Sockets;

namespace Mnist.Serving.Tests;

/// <summary>Where the server listens is decided by its options alone: an appsettings.json in the working directory
/// and Kestrel__* variables (which ASP.NET Core reads by default) are ignored.</summary>
[Collection(ServedModelCollection.Name)]
public class AmbientConfigurationTests(ServedModelFiles models)
{
    [Fact]
    public async Task Create_AppSettingsAndKestrelVariablesNamingOtherEndpoints_ListensOnlyWhereAsked()
    {
        int filePort = FreePort(), variablePort = FreePort();
        using var workingDirectory = new TempDirectory();
        File.WriteAllText(workingDirectory.Combine("appsettings.json"),
            $"{{\"Kestrel\": {{\"Endpoints\": {{\"E\": {{\"Url\": \"http://127.0.0.1:{filePort}\"}}}}}}, \"AllowedHosts\": \"*\"}}");
        var previousDirectory = Environment.CurrentDirectory;
        Environment.CurrentDirectory = workingDirectory.Path;
        Environment.SetEnvironmentVariable("Kestrel__Endpoints__V__Url", $"http://127.0.0.1:{variablePort}");
        try
        {
            await using var server = await RunningServer.StartAsync(models.FirstPath);

            var address = Assert.Single(MnistServer.Addresses(server.App));
            Assert.NotEqual(filePort, new Uri(address).Port);
            Assert.NotEqual(variablePort, new Uri(address).Port);
            Assert.True((await server.Client.GetAsync("health")).IsSuccessStatusCode);
            Assert.False(Listening(filePort));
            Assert.False(Listening(variablePort));
            // AllowedHosts "*" in the file did not open the server to any Host either.
            var foreign = new HttpRequestMessage(HttpMethod.Get, "health") { Headers = { Host = "evil.example" } };
            Assert.Equal(HttpStatusCode.BadRequest, (await server.Client.SendAsync(foreign)).StatusCode);
        }
        finally
        {
            Environment.SetEnvironmentVariable("Kestrel__Endpoints__V__Url", null);
            Environment.CurrentDirectory = previousDirectory;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool Listening(int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

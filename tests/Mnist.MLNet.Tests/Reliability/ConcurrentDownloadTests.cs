using System.Net.Sockets;
using Mnist.MLNet.Tests.Data.Http;

namespace Mnist.MLNet.Tests.Reliability;

public class ConcurrentDownloadTests
{
    // Sends the real file in small slices with pauses, so two downloads overlap for most of their length.
    private static async Task ServeSlowlyAsync(string path, NetworkStream connection, CancellationToken ct)
    {
        var file = Path.Combine(MnistFixture.Directory, Path.GetFileName(path));
        if (!File.Exists(file))
        {
            await TestHttpServer.WriteStatusAsync(connection, 404, "Not Found", ct);
            return;
        }
        var body = await File.ReadAllBytesAsync(file, ct);
        var head = System.Text.Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        await connection.WriteAsync(head, ct);
        for (int offset = 0; offset < body.Length; offset += 256 * 1024)
        {
            await connection.WriteAsync(body.AsMemory(offset, Math.Min(256 * 1024, body.Length - offset)), ct);
            await Task.Delay(20, ct);
        }
    }

    [Fact]
    public async Task Download_TwoProcessesIntoOneDirectory_BothSucceedAndLeaveAValidSet()
    {
        await using var server = new TestHttpServer((path, _, connection, ct) => ServeSlowlyAsync(path, connection, ct));
        var directory = Directory.CreateTempSubdirectory("mnist-concurrent-").FullName;
        try
        {
            var first = ChildProcess.Start(BuiltPrograms.MnistTool, "download", "--data", directory, "--mirror", server.BaseUri.ToString());
            var second = ChildProcess.Start(BuiltPrograms.MnistTool, "download", "--data", directory, "--mirror", server.BaseUri.ToString());
            var results = await Task.WhenAll(ChildProcess.WaitAsync(first, TimeSpan.FromMinutes(3)), ChildProcess.WaitAsync(second, TimeSpan.FromMinutes(3)));

            Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Output));
            // Four files; more than four requests means both processes wrote the same file at the same time.
            Assert.True(server.Requests.Count > 4, $"the downloads did not overlap: the server saw {server.Requests.Count} requests");
            Assert.Empty(Directory.EnumerateFiles(directory, "*.part", SearchOption.AllDirectories));
            var ml = new MLContext();
            Assert.Equal(60000, ml.Data.LoadMnist(directory, MnistSplit.Train).GetColumn<uint>("Label").Count());
            Assert.Equal(10000, ml.Data.LoadMnist(directory, MnistSplit.Test).GetColumn<uint>("Label").Count());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

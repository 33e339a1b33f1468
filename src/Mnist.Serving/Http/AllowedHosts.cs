using System.Net;
using System.Net.NetworkInformation;

namespace Mnist.Serving.Http;

/// <summary>The Host headers the server answers to when none are given: the names of the addresses it listens on.</summary>
/// <remarks>A page on another site can point a name it controls at 127.0.0.1 (DNS rebinding) and so read a server
/// on loopback through the visitor's browser; the browser still sends that foreign name as Host, which is refused.</remarks>
internal static class AllowedHosts
{
    private static readonly string[] Loopback = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary><see cref="MnistServerOptions.AllowedHosts"/> when given; else, for each of <see cref="MnistServerOptions.Urls"/>:
    /// loopback names for a loopback address, the address itself for another, and for a wildcard (<c>0.0.0.0</c>,
    /// <c>[::]</c>, <c>*</c>, <c>+</c>) the machine's name, its interfaces' addresses and the loopback names.</summary>
    public static IReadOnlyList<string> For(MnistServerOptions options)
    {
        if (options.AllowedHosts.Count > 0) return options.AllowedHosts;
        var hosts = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var url in options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var host = BindingAddress.Parse(url).Host;
            if (host is "*" or "+" or "0.0.0.0" or "[::]" or "::")
            {
                hosts.UnionWith(Loopback);
                hosts.UnionWith(MachineNames());
            }
            else if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
                     || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address)))
            {
                hosts.UnionWith(Loopback);
                hosts.Add(host);
            }
            else hosts.Add(host);
        }
        return hosts.ToList();
    }

    private static IEnumerable<string> MachineNames()
    {
        yield return Dns.GetHostName();
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
            {
                var address = unicast.Address;
                // A Host header cannot name an address with a zone (fe80::1%eth0) without escaping it; leave those out.
                if (address.ScopeId != 0) continue;
                yield return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
            }
    }
}

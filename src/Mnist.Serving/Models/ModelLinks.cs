namespace Mnist.Serving.Models;

/// <summary>Follows the symbolic links on the way to a model file, as Kubernetes mounts ConfigMaps and volumes:
/// <c>model.zip -> ..data/model.zip</c>, where <c>..data</c> is itself a link that is swapped by a rename.</summary>
internal static class ModelLinks
{
    // As Linux's own limit on links followed in one lookup.
    private const int MaxHops = 40;

    /// <summary>The full path, then the path after each link resolved (the file itself or a folder above it), the
    /// last being the file the path ends at. One element when no link is on the way.</summary>
    /// <exception cref="IOException">More than 40 links: a loop.</exception>
    public static IReadOnlyList<string> Chain(string path)
    {
        var chain = new List<string> { Path.GetFullPath(path) };
        while (ResolveFirstLink(chain[^1]) is { } next)
        {
            if (chain.Count > MaxHops) throw new IOException($"{path}: more than {MaxHops} symbolic links on the way (a loop?)");
            chain.Add(next);
        }
        return chain;
    }

    /// <summary>The directories to watch for <paramref name="chain"/>, each with the names in it whose change can
    /// change what the path ends at.</summary>
    public static IReadOnlyDictionary<string, HashSet<string>> Watched(IReadOnlyList<string> chain)
    {
        var directories = chain.Select(p => Path.GetDirectoryName(p)!).Distinct(StringComparer.Ordinal).ToList();
        var watched = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var directory in directories)
        {
            var prefix = directory.EndsWith('/') ? directory : directory + "/";
            watched[directory] = chain.Where(p => p.StartsWith(prefix, StringComparison.Ordinal))
                .Select(p => p[prefix.Length..].Split('/')[0])
                .ToHashSet(StringComparer.Ordinal);
        }
        return watched;
    }

    // Resolves the first link among the path's components, from the root down; null when there is none.
    private static string? ResolveFirstLink(string path)
    {
        var root = Path.GetPathRoot(path)!;
        var parts = path[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var prefix = root;
        for (int i = 0; i < parts.Length; i++)
        {
            prefix = Path.Combine(prefix, parts[i]);
            if (new FileInfo(prefix).LinkTarget is not { } target) continue;
            var resolved = Path.GetFullPath(target, Path.GetDirectoryName(prefix)!);
            return Path.Combine([resolved, .. parts[(i + 1)..]]);
        }
        return null;
    }
}

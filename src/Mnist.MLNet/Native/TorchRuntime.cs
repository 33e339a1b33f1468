using System.Runtime.InteropServices;
using TorchSharp;

namespace Mnist.MLNet.Native;

/// <summary>
/// Prepares the process for libtorch before TorchSharp's first call: makes its native library loadable on
/// older Linux, keeps OpenMP from spin-waiting, and owns the thread count.
/// </summary>
public static class TorchRuntime
{
    // libLibTorchSharp 0.107 is built with GCC 13 and needs GLIBCXX_3.4.32 for one symbol it never calls
    // (std::ios_base_library_init); Debian 12's libstdc++ stops at 3.4.30, so the load fails.
    internal const string TorchSharpLibrary = "libLibTorchSharp.so";
    internal const string UnneededVersion = "GLIBCXX_3.4.32";

    private static readonly object Gate = new();
    private static bool _initialized;

    /// <summary>What <see cref="EnsureInitialized"/> did, for logs and diagnostics.</summary>
    public static IReadOnlyList<string> Notes => _notes;
    private static readonly List<string> _notes = new();

    /// <summary>Makes TorchSharp usable in this process; safe to call many times.</summary>
    /// <exception cref="TorchUnavailableException">libtorch cannot be loaded; the message says why in one line.</exception>
    public static void EnsureInitialized()
    {
        lock (Gate)
        {
            if (_initialized) return;
            _notes.Add(OneDnnIsa.Cap());
            if (OperatingSystem.IsLinux())
            {
                UsePassiveOpenMpWait();
                PatchLibTorchSharp();
                PreloadNestedLibTorchSharp();
            }
            try
            {
                torch.InitializeDeviceType(DeviceType.CPU);
            }
            catch (Exception e)
            {
                throw new TorchUnavailableException(Describe(e), e);
            }
            _initialized = true;
        }
    }

    /// <summary>Threads used when the caller does not choose: one per core.</summary>
    // Measured with `Mnist.Benchmarks threads` on a 2-core machine shared with other builds (15,000-row epochs,
    // median of 2 rounds, one competing `sh` spinning a core): with passive OpenMP waiting, 1 thread took 3.2 s idle
    // and 4.8 s busy (1.49x), 2 threads 3.6 s idle and 3.8 s busy (1.04x), so one thread per core meets the goal of
    // busy <= 1.5x idle and is the fastest beside a busy process. Active waiting is what breaks it (2 threads:
    // 1.3 s idle, 15.6 s busy, 12x; 1 thread 3.5x), hence UsePassiveOpenMpWait, not fewer threads.
    public static int DefaultThreads => Environment.ProcessorCount;

    /// <summary>Sets libtorch's intra-op thread count (0 keeps libtorch's choice).</summary>
    public static void SetThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        EnsureInitialized();
        if (threads > 0 && torch.get_num_threads() != threads)
            torch.set_num_threads(threads);
    }

    // libtorch's thread pool, its default generator (weight initialisation, dropout) and TorchSharp's scalar
    // handling are process-wide; two trainings side by side change each other's results and have failed inside
    // Adam.step. Work that trains or builds modules runs under this lock, one at a time.
    private static readonly object Exclusive = new();

    /// <summary>Runs <paramref name="work"/> after initialisation, with no other training or module building
    /// running in this process.</summary>
    internal static T RunExclusive<T>(Func<T> work)
    {
        EnsureInitialized();
        lock (Exclusive) return work();
    }

    /// <summary>Paths of the TorchSharp native libraries this process would load.</summary>
    internal static IEnumerable<string> FindLibTorchSharpCopies()
    {
        var dirs = new List<string>();
        void Add(string? dir)
        {
            if (string.IsNullOrEmpty(dir)) return;
            dirs.Add(dir);
            dirs.Add(Path.Combine(dir, "runtimes", "linux-x64", "native"));
        }
        Add(Path.GetDirectoryName(typeof(torch).Assembly.Location));
        Add(AppContext.BaseDirectory);
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string searchDirs)
            foreach (var dir in searchDirs.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
                dirs.Add(dir);
        return dirs.Select(d => Path.Combine(d, TorchSharpLibrary))
                   .Where(File.Exists)
                   .Select(Path.GetFullPath)
                   .Distinct();
    }

    /// <summary>True when the C++ runtime this process uses defines <paramref name="version"/>.</summary>
    internal static bool SystemLibStdCxxDefines(string version)
    {
        var libstdcxx = FindLibStdCxx();
        return libstdcxx is not null && ElfSymbolVersions.ReadDefinitions(libstdcxx).Contains(version);
    }

    private static void PatchLibTorchSharp()
    {
        if (SystemLibStdCxxDefines(UnneededVersion)) return;   // nothing to change on newer systems
        foreach (var library in FindLibTorchSharpCopies())
        {
            try
            {
                int changed = ElfSymbolVersions.MarkWeak(library, n => n.Version == UnneededVersion);
                if (changed > 0) _notes.Add($"marked {UnneededVersion} weak in {library}");
            }
            catch (UnauthorizedAccessException)
            {
                _notes.Add($"{library} needs {UnneededVersion} but is read-only");
            }
        }
    }

    // Hosts that load assemblies by path (a notebook's #r of a library's bin folder) put no runtimes/<rid>/native
    // folder on the native search path, and TorchSharp then looks only beside TorchSharp.dll before copying the
    // package's (unpatched) files elsewhere. Loading the copy from runtimes/ by path first lets its load by name
    // find the library already mapped.
    private static void PreloadNestedLibTorchSharp()
    {
        var torchDir = Path.GetDirectoryName(typeof(torch).Assembly.Location);
        if (string.IsNullOrEmpty(torchDir) || File.Exists(Path.Combine(torchDir, TorchSharpLibrary))) return;
        var nativeDir = Path.Combine(torchDir, "runtimes", "linux-x64", "native");
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string searchDirs &&
            searchDirs.Split(Path.PathSeparator).Any(d => Path.TrimEndingDirectorySeparator(d) == nativeDir))
            return;   // the host resolves it already
        var library = Path.Combine(nativeDir, TorchSharpLibrary);
        if (File.Exists(library) && NativeLibrary.TryLoad(library, out _))
            _notes.Add($"preloaded {library}");
    }

    // The C++ runtime already mapped into this process (the .NET host uses it) is the one libtorch will get.
    internal static string? FindLibStdCxx()
    {
        try
        {
            var mapped = File.ReadLines("/proc/self/maps")
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(f => f.Length >= 6 && Path.GetFileName(f[5]).StartsWith("libstdc++.so", StringComparison.Ordinal))
                .Select(f => f[5])
                .FirstOrDefault();
            if (mapped is not null) return mapped;
        }
        catch (IOException) { }
        return new[] { "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib" }
            .Select(d => Path.Combine(d, "libstdc++.so.6"))
            .FirstOrDefault(File.Exists);
    }

    // libgomp reads OMP_WAIT_POLICY once, from the C environment, when libtorch loads it. Its default spins,
    // which collapses throughput when another process keeps the other cores busy. Environment.SetEnvironmentVariable
    // only changes .NET's copy, so call the C library's setenv. A user's own OpenMP settings win.
    private static void UsePassiveOpenMpWait()
    {
        if (Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is not null ||
            Environment.GetEnvironmentVariable("GOMP_SPINCOUNT") is not null)
        {
            _notes.Add("OpenMP wait policy left as configured by the environment");
            return;
        }
        if (SetForNativeLibraries("OMP_WAIT_POLICY", "PASSIVE"))
            _notes.Add("OMP_WAIT_POLICY=PASSIVE");
    }

    /// <summary>Sets <paramref name="name"/> for .NET and for the native libraries, which read the C runtime's
    /// environment: on Unix <see cref="Environment.SetEnvironmentVariable(string, string)"/> changes only .NET's copy,
    /// so the C library's <c>setenv</c> is called too.</summary>
    /// <returns>Whether the native libraries will see the value.</returns>
    internal static bool SetForNativeLibraries(string name, string value)
    {
        Environment.SetEnvironmentVariable(name, value);
        if (OperatingSystem.IsWindows()) return true;
        try
        {
            return setenv(name, value, 0) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setenv(string name, string value, int overwrite);

    private static string Describe(Exception e)
    {
        var root = e;
        while (root.InnerException is not null) root = root.InnerException;
        var libs = string.Join(", ", FindLibTorchSharpCopies());
        if (OperatingSystem.IsLinux() && libs.Length > 0 && !SystemLibStdCxxDefines(UnneededVersion) &&
            ElfSymbolVersions.ReadNeeds(libs.Split(", ")[0]).Any(n => n.Version == UnneededVersion && !n.IsWeak))
            return $"TorchSharp cannot load: {libs} needs {UnneededVersion}, which this system's libstdc++ lacks, and it could not be patched (is the file writable?).";
        return $"TorchSharp cannot load ({(libs.Length == 0 ? "no " + TorchSharpLibrary + " found next to TorchSharp.dll" : libs)}): {root.Message.Split('\n')[0]}";
    }
}

/// <summary>libtorch could not be loaded in this process.</summary>
public sealed class TorchUnavailableException(string message, Exception inner) : Exception(message, inner);

using System.Reflection;

namespace Mnist.Serving.Tests;

public class MnistServerTests
{
    [Fact]
    public void Assembly_ReferenceClosure_HasNoTrainingAssembly()
    {
        var closure = ReferenceClosure(typeof(MnistServer).Assembly);

        Assert.Contains("Mnist.MLNet.Scoring", closure);
        Assert.DoesNotContain("Mnist.MLNet", closure);
        Assert.DoesNotContain(closure, name => name.StartsWith("TorchSharp", StringComparison.OrdinalIgnoreCase));
    }

    // Every assembly reachable through references, by name; the test process holds training too, so reaching one
    // of its assemblies would load it here and show up.
    private static HashSet<string> ReferenceClosure(Assembly root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<AssemblyName>([root.GetName()]);
        while (pending.TryPop(out var name))
        {
            if (name.Name is null || !seen.Add(name.Name)) continue;
            Assembly assembly;
            try
            {
                assembly = Assembly.Load(name);
            }
            catch (FileNotFoundException)
            {
                continue;   // referenced only for a platform this is not (a facade): nothing of ours behind it
            }
            foreach (var reference in assembly.GetReferencedAssemblies()) pending.Push(reference);
        }
        return seen;
    }
}

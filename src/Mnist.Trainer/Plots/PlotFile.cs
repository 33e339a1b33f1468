namespace Mnist.Trainer.Plots;

/// <summary>The PNG file a plot is written to and its size in pixels, which tests and docs can rely on.</summary>
public sealed record PlotFile(string FileName, int Width, int Height);

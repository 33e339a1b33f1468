using Mnist.MLNet.Models;

namespace Mnist.Trainer.Commands;

/// <summary><c>mnist export</c>: write a saved model's network as ONNX and/or a PyTorch state_dict.</summary>
public static class ExportCommand
{
    private static readonly Option<string?> OnnxOption = OptionFactory.File("--onnx",
        "Write an ONNX model (input Features float[N,784]; outputs Score float[N,10], PredictedIndex int64[N]; the model card as metadata) of the MLP or layer stack");

    private static readonly Option<string?> PyTorchOption = OptionFactory.File("--pytorch",
        "Write a PyTorch state_dict (model.load_state_dict(torch.load(FILE))): for the tutorial's SimpleNN, or for a layer stack's torch.nn.Sequential");

    public static Command Create(IAnsiConsole console)
    {
        var command = new Command("export", "Export a saved model's network as ONNX and/or PyTorch; outputs in class order (digit i is output i)")
        {
            CommonOptions.ModelOption,
            OnnxOption,
            PyTorchOption,
        };
        command.SetAction((result, ct) => Task.FromResult(Export(result.GetValue(CommonOptions.ModelOption)!,
            result.GetValue(OnnxOption), result.GetValue(PyTorchOption), console)));
        return command;
    }

    public static int Export(string modelPath, string? onnxPath, string? pyTorchPath, IAnsiConsole console)
    {
        if (onnxPath is null && pyTorchPath is null)
        {
            console.WriteErrorLine("export needs --onnx FILE, --pytorch FILE or both (see mnist export --help)");
            return ExitCodes.BadArguments;
        }
        return CommandFailures.Run(console, CancellationToken.None, () =>
        {
            var classifier = DigitClassifier.Load(modelPath);
            if (onnxPath is not null)
            {
                classifier.ExportOnnx(onnxPath);
                console.MarkupLine($"wrote ONNX model [green]{Markup.Escape(onnxPath)}[/]");
            }
            if (pyTorchPath is not null)
            {
                classifier.ExportPyTorch(pyTorchPath);
                console.MarkupLine($"wrote PyTorch state_dict [green]{Markup.Escape(pyTorchPath)}[/]");
            }
            return ExitCodes.Ok;
        });
    }
}

using Mnist.MLNet.Models;
using Mnist.MLNet.Network;

namespace Mnist.Trainer.Commands;

/// <summary><c>mnist export</c>: write a saved model's network as ONNX and/or a PyTorch state_dict.</summary>
public static class ExportCommand
{
    private static readonly Option<string?> OnnxOption = new("--onnx")
    {
        Description = "Write an ONNX model (input Features float[N,784]; outputs Score float[N,10], PredictedIndex int64[N]; the model card as metadata)",
        HelpName = "FILE",
    };

    private static readonly Option<string?> PyTorchOption = new("--pytorch")
    {
        Description = "Write a PyTorch state_dict for the tutorial's SimpleNN (model.load_state_dict(torch.load(FILE)))",
        HelpName = "FILE",
    };

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
            var weights = classifier.ClassOrderedWeights;
            if (onnxPath is not null)
            {
                MlpOnnxGraph.Export(weights, onnxPath, classifier.ClassOrderedCard);
                console.MarkupLine($"wrote ONNX model [green]{Markup.Escape(onnxPath)}[/]");
            }
            if (pyTorchPath is not null)
            {
                PyTorchExporter.Export(weights, pyTorchPath);
                console.MarkupLine($"wrote PyTorch state_dict [green]{Markup.Escape(pyTorchPath)}[/]");
            }
            return ExitCodes.Ok;
        });
    }
}

namespace Mnist.Serving.Tests.Endpoints;

/// <summary>Tests of the endpoints as they serve the first model: each test gets its own server on a copy of it
/// (xUnit makes a class instance per test), stopped when the test ends. A test that needs other options starts its
/// own server beside it. Subclasses inherit the collection, and with it the served models.</summary>
[Collection(ServedModelCollection.Name)]
public abstract class FirstModelServerTests(ServedModelFiles models) : IAsyncLifetime
{
    protected ServedModelFiles Models => models;

    /// <summary>The server of this test.</summary>
    protected RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RunningServer.StartAsync(models.FirstPath);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

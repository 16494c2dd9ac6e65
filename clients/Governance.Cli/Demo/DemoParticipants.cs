namespace Governance.Cli.Demo;

/// <summary>A demo member signed in with the key file the Development service wrote for it.</summary>
public sealed class DemoParticipant : IDisposable
{
    private DemoParticipant(string id, ECDsa key, GovernanceClient client)
    {
        Id = id;
        Key = key;
        Client = client;
    }

    public string Id { get; }

    /// <summary>The member's private key, also used to sign contract approvals.</summary>
    public ECDsa Key { get; }

    public GovernanceClient Client { get; }

    public static DemoParticipant Open(string id, string keyDirectory, Uri service, HttpMessageHandler? handler)
    {
        var path = Path.Combine(keyDirectory, id + ".pem");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"No key file for demo member '{id}' at {path}. Start the service with `dotnet run --project api` (Development) to create it, or pass --dev-keys DIR.", path);
        }

        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(path));
        var tokens = new MemberKeyTokenProvider(new MemberTokenFactory(id, key));
        return new DemoParticipant(id, key, new GovernanceClient(service, tokens, handler));
    }

    public void Dispose()
    {
        Client.Dispose();
        Key.Dispose();
    }
}

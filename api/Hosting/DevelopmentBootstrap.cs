namespace Governance.Api.Hosting;

/// <summary>
/// For `dotnet run` in Development without a bootstrap file: demo members alice and bob (member) and
/// carol (auditor), each with a P-384 key whose private half is written to .local/dev/keys/&lt;id&gt;.pem (0600).
/// </summary>
internal static partial class DevelopmentBootstrap
{
    private static readonly (string Id, string Name, string Role)[] DemoMembers =
    [
        ("alice", "Alice (demo)", "member"),
        ("bob", "Bob (demo)", "member"),
        ("carol", "Carol (demo auditor)", "auditor"),
    ];

    public static string Ensure(string contentRoot, ILogger logger)
    {
        var folder = Path.Combine(contentRoot, ".local", "dev");
        var file = Path.Combine(folder, "bootstrap.json");
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.Combine(folder, "keys"));
            var members = new JsonArray();
            foreach (var (id, name, role) in DemoMembers)
            {
                using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
                WritePrivate(Path.Combine(folder, "keys", $"{id}.pem"), key.ExportPkcs8PrivateKeyPem());
                members.Add(new JsonObject
                {
                    ["id"] = id,
                    ["displayName"] = name,
                    ["roles"] = new JsonArray(role),
                    ["keys"] = new JsonArray(JsonNode.Parse(MemberPublicKey.FromEcdsa(key).Jwk)),
                });
            }

            var document = new JsonObject
            {
                ["consortium"] = new JsonObject { ["name"] = "Demo consortium" },
                ["rules"] = new JsonObject { ["membershipQuorum"] = "majority", ["allowUnsignedApprovalsForExternalIdentities"] = false },
                ["members"] = members,
            };
            File.WriteAllText(file, document.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        }

        LogHowToSignIn(logger, file, Path.Combine(folder, "keys"));
        return file;
    }

    private static void WritePrivate(string path, string pem)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(pem);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Development genesis: {File} (demo members alice, bob: member; carol: auditor). Private keys in {Keys}. " +
        "Get a token for Swagger's Authorize button: dotnet run --project clients/Governance.Cli -- token --member alice --key api/.local/dev/keys/alice.pem")]
    private static partial void LogHowToSignIn(ILogger logger, string file, string keys);
}

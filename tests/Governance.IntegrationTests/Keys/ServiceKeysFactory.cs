using System.Security.Cryptography;
using Governance.IntegrationTests.Infrastructure;
using Governance.Persistence;
using Governance.Persistence.Secrets;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.IntegrationTests.Keys;

/// <summary>The real service with an operator, a member and an auditor whose keys also sit in PEM files for the CLI.</summary>
public sealed class ServiceKeysFactory : GovernanceApiFactory
{
    public static readonly string Kek = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public ServiceKeysFactory()
    {
        KeyDirectory = Directory.CreateTempSubdirectory("governance-service-keys-").FullName;
        Operator = AddGenesisMember("ops", "operator");
        Alice = AddGenesisMember("alice", "member");
        Carol = AddGenesisMember("carol", "auditor");
        foreach (var member in new[] { Operator, Alice, Carol })
        {
            File.WriteAllText(KeyPath(member.Id), member.PrivateKey.ExportPkcs8PrivateKeyPem());
        }

        Settings["Secrets:KeyEncryptionKeys:0:Id"] = "kek-keys";
        Settings["Secrets:KeyEncryptionKeys:0:Key"] = Kek;
    }

    public string KeyDirectory { get; }

    public TestMember Operator { get; }

    public TestMember Alice { get; }

    public TestMember Carol { get; }

    public string KeyPath(string member) => Path.Combine(KeyDirectory, member + ".pem");

    public string[] As(string member) => ["--service", Server.BaseAddress.ToString(), "--member", member, "--key", KeyPath(member)];

    /// <summary>
    /// Another replica of the persistence layer over the same database, with its own clock and key cache, and
    /// the key-encryption keys given (default: the service's).
    /// </summary>
    public ServiceProvider Replica(TimeProvider time, params (string Id, string Key)[] keks)
    {
        // The host migrates the database as it starts.
        _ = Server;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time);
        services.AddGovernancePersistence(ConnectionString);
        services.Configure<SecretsOptions>(options =>
        {
            foreach (var (id, key) in keks.Length == 0 ? [("kek-keys", Kek)] : keks)
            {
                options.KeyEncryptionKeys.Add(new KeyEncryptionKeyOptions { Id = id, Key = key });
            }

            options.CurrentKeyEncryptionKey = options.KeyEncryptionKeys[^1].Id;
        });
        return services.BuildServiceProvider();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(KeyDirectory, recursive: true);
    }
}

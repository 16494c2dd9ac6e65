using System.Net;
using System.Net.Sockets;
using Governance.Attestation;
using Governance.Attestation.Snp.Simulation;
using Governance.IntegrationTests.Infrastructure;
using Governance.LocalPostgres;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using YamlDotNet.RepresentationModel;

namespace Governance.IntegrationTests.Operations;

/// <summary>
/// What <c>docker compose up</c> builds, without Docker: a fresh PostgreSQL cluster with the <c>governance</c>
/// database, the roles made by deploy/postgres/initdb from the operator's pgpass files (password authentication
/// over TCP for them, as in the postgres image), and the real <c>migrate</c> command run with the compose file's
/// settings. Only the host names and the /run/secrets paths change: to the cluster's loopback port and to the files
/// the README's first-start steps made under <see cref="Root"/>.
/// </summary>
internal sealed class ComposeDeployment : IAsyncDisposable
{
    public const string Database = "governance";

    private static readonly YamlMappingNode Compose = DeploymentFiles.Compose();

    private readonly LocalPostgresCluster cluster;

    private ComposeDeployment(string root, LocalPostgresCluster cluster)
    {
        Root = root;
        this.cluster = cluster;
    }

    /// <summary>The operator's folder: deploy/ as committed plus the files the first-start steps made.</summary>
    public string Root { get; }

    public string SuperuserConnectionString => cluster.ConnectionString(Database);

    /// <summary>libpq's variables for the superuser, as <c>docker compose exec postgres</c> has them inside the container.</summary>
    public Dictionary<string, string> PostgresEnvironment
    {
        get
        {
            var superuser = new NpgsqlConnectionStringBuilder(SuperuserConnectionString);
            var environment = new Dictionary<string, string>
            {
                ["PGHOST"] = superuser.Host!,
                ["PGPORT"] = superuser.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["PATH"] = PostgresBinaries.FindBinDirectory() + ":" + System.Environment.GetEnvironmentVariable("PATH"),
            };
            if (!string.IsNullOrEmpty(superuser.Password))
            {
                environment["PGPASSWORD"] = superuser.Password;
            }

            return environment;
        }
    }

    /// <summary>
    /// Makes the operator's files with the README's first-start steps, in a new folder, by an operator whose umask
    /// lets nobody else read new files: the steps must still leave them readable by the containers' users.
    /// </summary>
    public static async Task<string> PrepareOperatorFolderAsync()
    {
        var root = Directory.CreateTempSubdirectory("governance-deploy-").FullName;
        CopyDirectory(DeploymentFiles.PathOf("deploy"), Path.Combine(root, "deploy"));
        var (exitCode, output) = await DeploymentFiles.BashAsync("umask 077\n" + DeploymentFiles.ShellBlocks("### First start")[0], root);
        Assert.True(exitCode == 0, output);
        return root;
    }

    /// <summary>A fresh cluster with the database and roles, as the postgres service leaves a new volume.</summary>
    public static async Task<ComposeDeployment> StartPostgresAsync(string root)
    {
        // Beside the operator's folder, not in it: that folder is private (0700), and the cluster runs as postgres.
        var cluster = LocalPostgresCluster.Start(Path.Combine(Path.GetTempPath(), "governance-deploy-pg-" + Guid.NewGuid().ToString("N")[..12]), LocalClusterDurability.UnsafeFastForTests, deleteOnDispose: true);
        var deployment = new ComposeDeployment(root, cluster);
        try
        {
            await using (var connection = new NpgsqlConnection(cluster.ConnectionString()))
            {
                await connection.OpenAsync();
                await Execute(connection, $"CREATE DATABASE {Database}");
            }

            await deployment.RequirePasswordsAsync();
            var environment = deployment.PostgresEnvironment;
            environment["POSTGRES_USER"] = new NpgsqlConnectionStringBuilder(deployment.SuperuserConnectionString).Username!;
            environment["POSTGRES_DB"] = Database;
            foreach (var (name, value) in Service("postgres").Map("environment").Children)
            {
                if (((YamlScalarNode)name).Value!.StartsWith("GOVERNANCE_", StringComparison.Ordinal))
                {
                    environment[((YamlScalarNode)name).Value!] = deployment.Localize(((YamlScalarNode)value).Value!);
                }
            }

            foreach (var script in Directory.GetFiles(Path.Combine(root, "deploy", "postgres", "initdb"), "*.sh").Order(StringComparer.Ordinal))
            {
                var (exitCode, output) = await DeploymentFiles.BashAsync(script, root, environment);
                Assert.True(exitCode == 0, $"{script}: {output}");
            }

            await deployment.AwaitPasswordCheckAsync();
            return deployment;
        }
        catch
        {
            await deployment.DisposeAsync();
            throw;
        }
    }

    /// <summary>The compose file's setting of <paramref name="service"/>, with its hosts and secret paths made local.</summary>
    public string Setting(string service, string name) =>
        Localize(Service(service).Map("environment").Scalar(name) ?? throw new Xunit.Sdk.XunitException($"{service} sets no {name}"));

    /// <summary>Runs the compose file's <c>migrate</c> service: the real command, with that service's settings.</summary>
    public async Task MigrateAsync()
    {
        var environment = new Dictionary<string, string>();
        foreach (var (name, _) in Service("migrate").Map("environment").Children)
        {
            environment[((YamlScalarNode)name).Value!] = Setting("migrate", ((YamlScalarNode)name).Value!);
        }

        var (exitCode, output) = await DeploymentFiles.ServiceAsync(Service("migrate").Strings("command"), Root, environment);
        Assert.True(exitCode == 0, output);
    }

    /// <summary>The <c>api</c> service in process, with that service's settings (and Kestrel on <paramref name="port"/> when given).</summary>
    public DeployedServiceFactory ApiService(SimulatedSnpPlatform platform, int? port = null)
    {
        var factory = new DeployedServiceFactory(platform);
        foreach (var (key, _) in Service("api").Map("environment").Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            // The test host keeps its own environment name and writes its own genesis file from its members.
            if (name is not ("ASPNETCORE_ENVIRONMENT" or "Governance__BootstrapFile"))
            {
                factory.Settings[name.Replace("__", ":", StringComparison.Ordinal)] = Setting("api", name);
            }
        }

        if (port is { } listen)
        {
            factory.UseKestrel(options => options.Listen(IPAddress.Loopback, listen));
        }

        return factory;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync() => cluster.DisposeAsync();

    /// <summary>Replaces the compose host <c>postgres</c> by the cluster and each /run/secrets file by the operator's file.</summary>
    private string Localize(string value)
    {
        foreach (var (name, secret) in Compose.Map("secrets").Children)
        {
            value = value.Replace($"/run/secrets/{((YamlScalarNode)name).Value}", Path.Combine(Root, secret.Scalar("file")!), StringComparison.Ordinal);
        }

        return value.Replace("Host=postgres;", $"Host=127.0.0.1;Port={cluster.Port};", StringComparison.Ordinal);
    }

    /// <summary>
    /// The roles sign in with their passwords over TCP, as with the postgres image (its local socket trusts, its TCP
    /// connections ask for a password); the superuser keeps the cluster's own access for the set-up.
    /// </summary>
    private async Task RequirePasswordsAsync()
    {
        await using var connection = new NpgsqlConnection(SuperuserConnectionString);
        await connection.OpenAsync();
        await using var show = new NpgsqlCommand("SHOW hba_file", connection);
        var hba = (string)(await show.ExecuteScalarAsync())!;
        var roles = string.Join(',', new[] { "migrate", "api" }.Select(s => new NpgsqlConnectionStringBuilder(Service(s).Map("environment").Scalar("ConnectionStrings__Governance")).Username));
        await File.WriteAllTextAsync(hba, $"host all {roles} 127.0.0.1/32 scram-sha-256\n" + await File.ReadAllTextAsync(hba));
        await Execute(connection, "SELECT pg_reload_conf()");
    }

    /// <summary>
    /// Waits until the reloaded configuration refuses the service role a wrong password: from then on, the roles get
    /// in only with the passwords the init script set from their pgpass files.
    /// </summary>
    private async Task AwaitPasswordCheckAsync()
    {
        var wrong = new NpgsqlConnectionStringBuilder(Setting("api", "ConnectionStrings__Governance")) { Passfile = null, Password = "wrong", Pooling = false };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(wrong.ConnectionString);
                await connection.OpenAsync();
            }
            catch (PostgresException refused) when (refused.SqlState == PostgresErrorCodes.InvalidPassword)
            {
                return;
            }

            Assert.True(attempt < 50, "the roles still get in without their passwords");
            await Task.Delay(100);
        }
    }

    private static YamlMappingNode Service(string name) => Compose.Map("services").Map(name);

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from).Where(f => Path.GetFileName(f) != "bootstrap.json"))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(from).Where(d => Path.GetFileName(d) != "secrets"))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}

/// <summary>
/// The service as the compose file configures it, in process: its connection string, its key-encryption key file,
/// no migration at start-up. Evidence from the simulated AMD-like platform is trusted, as in the release flow tests.
/// </summary>
internal sealed class DeployedServiceFactory : GovernanceApiFactory
{
    private readonly SimulatedSnpPlatform platform;

    public DeployedServiceFactory(SimulatedSnpPlatform platform)
    {
        this.platform = platform;
        // Only the compose file's key, read from its file.
        Settings.Remove("Secrets:KeyEncryptionKeys:0:Key");
        Settings["Release:RateLimit:PermitLimit"] = "1000";
    }

    /// <summary>Nothing to create: the deployment's database exists and is migrated.</summary>
    public override Task InitializeAsync() => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton(new EvidenceVerifier(
            new EvidenceVerifierOptions { Snp = new() { ExtraTrustedRoots = [platform.TrustRoot], Offline = true } }, TimeProvider.System)));
    }
}

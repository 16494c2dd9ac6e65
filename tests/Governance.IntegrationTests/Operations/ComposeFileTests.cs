using System.Text.RegularExpressions;
using System.Xml.Linq;
using Governance.Domain.Members;
using Governance.Persistence;
using Governance.Persistence.Secrets;
using Microsoft.Extensions.Options;
using Npgsql;
using YamlDotNet.RepresentationModel;

namespace Governance.IntegrationTests.Operations;

/// <summary>
/// docker-compose.yml and api/Dockerfile as shipped. No Docker engine runs here, so the files are read as compose and
/// docker would read them; what they start (the roles, the migrator, the service, the healthcheck probe) runs for
/// real in <see cref="ComposeDeploymentTests"/>. The deployment is Linux containers, checked with Linux file modes.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class ComposeFileTests
{
    private static readonly YamlMappingNode Compose = DeploymentFiles.Compose();

    private static YamlMappingNode Service(string name) => Compose.Map("services").Map(name);

    private static string Environment(string service, string name) =>
        Service(service).Map("environment").Scalar(name) ?? throw new Xunit.Sdk.XunitException($"{service} sets no {name}");

    /// <summary>Host files of the top-level secrets and configs, by name.</summary>
    private static Dictionary<string, string> MountedFiles(string section) =>
        Compose.Find(section) is YamlMappingNode map
            ? map.Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => e.Value.Scalar("file")!)
            : [];

    [Fact]
    public void Every_path_it_names_is_in_the_repository_or_made_by_the_first_start_steps()
    {
        foreach (var (name, service) in Compose.Map("services").Children.Select(e => (((YamlScalarNode)e.Key).Value!, e.Value)))
        {
            if (service.Find("build") is { } build)
            {
                var context = DeploymentFiles.PathOf(build.Scalar("context")!);
                Assert.True(Directory.Exists(context), $"{name}: build context {context} is missing");
                Assert.True(File.Exists(Path.Combine(context, build.Scalar("dockerfile")!)), $"{name}: its Dockerfile is missing");
            }

            foreach (var volume in service.Strings("volumes").Where(v => v.StartsWith("./", StringComparison.Ordinal)))
            {
                var host = DeploymentFiles.PathOf(volume.Split(':')[0]);
                Assert.True(File.Exists(host) || Directory.Exists(host), $"{name}: {host} is missing (compose would mount an empty folder)");
            }

            foreach (var secret in service.Strings("secrets"))
            {
                Assert.True(MountedFiles("secrets").ContainsKey(secret), $"{name} uses secret {secret}, which is not defined");
            }
        }

        // The init scripts run only if the postgres image may execute them.
        var initdb = DeploymentFiles.PathOf("deploy/postgres/initdb");
        Assert.Contains(Service("postgres").Strings("volumes"), v => v.StartsWith("./deploy/postgres/initdb:/docker-entrypoint-initdb.d", StringComparison.Ordinal));
        Assert.All(Directory.GetFiles(initdb, "*.sh"), script => Assert.True(File.GetUnixFileMode(script).HasFlag(UnixFileMode.UserExecute), $"{script} is not executable"));

        // Keys, passwords and the genesis file are the operator's: made by the README's steps, never committed nor built in.
        var steps = DeploymentFiles.ShellBlocks("### First start")[0];
        var gitignore = File.ReadAllLines(DeploymentFiles.PathOf(".gitignore"));
        var dockerignore = File.ReadAllLines(DeploymentFiles.PathOf(".dockerignore"));
        foreach (var file in MountedFiles("secrets").Values.Concat(MountedFiles("configs").Values))
        {
            var relative = file.TrimStart('.', '/');
            Assert.Contains(relative, steps, StringComparison.Ordinal);
            Assert.Contains(gitignore, line => line.Length > 0 && relative.StartsWith(line, StringComparison.Ordinal));
            Assert.Contains(dockerignore, line => line.Length > 0 && relative.StartsWith(line, StringComparison.Ordinal));
        }

        Assert.True(File.Exists(DeploymentFiles.PathOf("deploy/bootstrap.example.json")));
    }

    [Fact]
    public void Every_variable_it_reads_from_the_environment_is_documented()
    {
        var text = File.ReadAllText(DeploymentFiles.PathOf("docker-compose.yml")).Replace("$$", "", StringComparison.Ordinal);
        var names = Variable().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.Contains($"`{name}`", DeploymentFiles.Readme, StringComparison.Ordinal));
    }

    [Fact]
    public void Postgres_and_the_service_restart_report_health_and_start_in_order()
    {
        foreach (var name in new[] { "postgres", "api" })
        {
            Assert.Equal("unless-stopped", Service(name).Scalar("restart"));
            Assert.NotEmpty(Service(name).Map("healthcheck").Strings("test"));
        }

        Assert.Contains("pg_isready", Service("postgres").Map("healthcheck").Strings("test"));
        Assert.Contains("/readyz", string.Join(' ', Service("api").Map("healthcheck").Strings("test")), StringComparison.Ordinal);
        Assert.Contains("pgdata:/var/lib/postgresql/data", Service("postgres").Strings("volumes"));
        Assert.NotNull(Compose.Map("volumes").Find("pgdata"));

        Assert.Equal("service_healthy", Service("migrate").Map("depends_on").Map("postgres").Scalar("condition"));
        Assert.Equal(["migrate"], Service("migrate").Strings("command"));
        Assert.Equal("service_healthy", Service("api").Map("depends_on").Map("postgres").Scalar("condition"));
        Assert.Equal("service_completed_successfully", Service("api").Map("depends_on").Map("migrate").Scalar("condition"));
        Assert.Equal("false", Environment("api", "Database__MigrateOnStartup"));
    }

    [Fact]
    public void The_service_connects_as_a_role_that_owns_nothing_and_reads_every_secret_from_a_file()
    {
        var superuser = Environment("postgres", "POSTGRES_USER");
        var migrator = new NpgsqlConnectionStringBuilder(Environment("migrate", "ConnectionStrings__Governance"));
        var app = new NpgsqlConnectionStringBuilder(Environment("api", "ConnectionStrings__Governance"));

        Assert.NotEqual(superuser, app.Username);
        Assert.NotEqual(superuser, migrator.Username);
        Assert.NotEqual(migrator.Username, app.Username);
        Assert.Equal(app.Username, Environment("migrate", "Database__AppRole"));
        foreach (var (service, connection) in new[] { ("migrate", migrator), ("api", app) })
        {
            Assert.Null(connection.Password);
            Assert.StartsWith("/run/secrets/", connection.Passfile, StringComparison.Ordinal);
            Assert.Contains(Path.GetFileName(connection.Passfile), Service(service).Strings("secrets"));
        }

        Assert.Equal("/run/secrets/kek", Environment("api", "Secrets__KeyEncryptionKeys__0__File"));
        Assert.Contains("kek", Service("api").Strings("secrets"));
        Assert.Equal("/run/secrets/postgres_password", Environment("postgres", "POSTGRES_PASSWORD_FILE"));
        foreach (var service in Compose.Map("services").Children.Values)
        {
            var names = service.Find("environment") is YamlMappingNode env ? env.Children.Keys.Select(k => ((YamlScalarNode)k).Value!) : [];
            Assert.DoesNotContain(names, n => n.EndsWith("__Key", StringComparison.Ordinal) || (n.Contains("PASSWORD", StringComparison.Ordinal) && !n.EndsWith("_FILE", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void The_image_restores_from_the_project_files_before_it_copies_the_sources()
    {
        var lines = File.ReadAllLines(DeploymentFiles.PathOf("api/Dockerfile")).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var restore = lines.FindIndex(l => l.StartsWith("RUN dotnet restore", StringComparison.Ordinal));
        Assert.True(restore > 0, "the Dockerfile does not restore on its own");
        var copies = lines.Select((line, index) => (line, index)).Where(x => x.line.StartsWith("COPY ", StringComparison.Ordinal) && !x.line.Contains("--from", StringComparison.Ordinal)).ToList();
        var sources = copies.Select(c => (Sources: c.line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1], Before: c.index < restore)).ToList();

        Assert.All(sources.SelectMany(s => s.Sources), source => Assert.True(File.Exists(DeploymentFiles.PathOf(source)) || Directory.Exists(DeploymentFiles.PathOf(source)), $"COPY {source}: missing"));
        var early = sources.Where(s => s.Before).SelectMany(s => s.Sources).ToList();
        Assert.All(early, source => Assert.True(source.EndsWith(".csproj", StringComparison.Ordinal) || source.EndsWith(".props", StringComparison.Ordinal), $"{source} is copied before the restore"));
        Assert.Contains("Directory.Packages.props", early);
        Assert.Contains("Directory.Build.props", early);
        Assert.All(ProjectClosure("api/Governance.Api.csproj"), project => Assert.Contains(project, early));
        Assert.Contains(sources, s => !s.Before && s.Sources.Contains("api/"));
        Assert.Contains(lines, l => l.StartsWith("RUN dotnet publish", StringComparison.Ordinal) && l.Contains("--no-restore", StringComparison.Ordinal));

        // The healthcheck probe needs bash, which the chiseled images leave out; the service never runs as root.
        var runtime = lines.Last(l => l.StartsWith("FROM ", StringComparison.Ordinal));
        Assert.DoesNotContain("chiseled", runtime, StringComparison.Ordinal);
        Assert.Equal("bash", Service("api").Map("healthcheck").Strings("test")[1]);
        Assert.Equal("USER app", lines.Last(l => l.StartsWith("USER ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_first_start_steps_make_every_file_it_mounts_and_never_replace_a_key()
    {
        var root = await ComposeDeployment.PrepareOperatorFolderAsync();
        try
        {
            foreach (var file in MountedFiles("secrets").Values.Concat(MountedFiles("configs").Values))
            {
                var path = Path.Combine(root, file);
                Assert.True(File.Exists(path), $"{file} was not made");
                Assert.True(File.GetUnixFileMode(path).HasFlag(UnixFileMode.OtherRead), $"{file}: the containers' users could not read it");
            }

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(root, "deploy", "secrets")));

            // The key the service reads, the way it reads it, under the id the compose file gives it.
            var kekFile = Path.Combine(root, MountedFiles("secrets")["kek"]);
            var ring = new KeyEncryptionKeyRing(new ConfiguredKeyEncryptionKeys(Options.Create(new SecretsOptions
            {
                KeyEncryptionKeys = [new KeyEncryptionKeyOptions { Id = Environment("api", "Secrets__KeyEncryptionKeys__0__Id"), File = kekFile }],
                CurrentKeyEncryptionKey = Environment("api", "Secrets__CurrentKeyEncryptionKey"),
            })));
            var (kekId, wrapped) = ring.Wrap(new byte[32]);
            Assert.Equal(new byte[32], ring.Unwrap(kekId, wrapped));

            // Each pgpass file names the role the connection string that reads it logs in as.
            foreach (var service in new[] { "migrate", "api" })
            {
                var connection = new NpgsqlConnectionStringBuilder(Environment(service, "ConnectionStrings__Governance"));
                var fields = File.ReadAllLines(Path.Combine(root, MountedFiles("secrets")[Path.GetFileName(connection.Passfile!)])).Single().Split(':');
                Assert.Equal(5, fields.Length);
                Assert.Equal(connection.Username, fields[3]);
                Assert.Equal(64, fields[4].Length);
            }

            var genesis = Genesis.Parse(File.ReadAllText(Path.Combine(root, MountedFiles("configs")["bootstrap"])), DateTimeOffset.UtcNow);
            Assert.Contains(genesis.Members, m => m.IsVoter);

            // Running the steps again (a second copy-paste) must not replace the key: what it sealed would be lost.
            var before = Directory.GetFiles(Path.Combine(root, "deploy", "secrets")).ToDictionary(f => f, File.ReadAllText);
            await DeploymentFiles.BashAsync(DeploymentFiles.ShellBlocks("### First start")[0], root);
            Assert.All(before, file => Assert.Equal(file.Value, File.ReadAllText(file.Key)));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void The_README_shows_the_grants_the_migrator_applies()
    {
        var readme = DeploymentFiles.Readme;
        Assert.All(AppRoleGrants.Statements("governance_app"), statement => Assert.Contains(statement + ";", readme, StringComparison.Ordinal));
    }

    /// <summary>The project and every project it references, transitively, as repository-relative paths.</summary>
    private static SortedSet<string> ProjectClosure(string project)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (!found.Add(next))
            {
                continue;
            }

            var directory = Path.GetDirectoryName(DeploymentFiles.PathOf(next))!;
            foreach (var reference in XDocument.Load(DeploymentFiles.PathOf(next)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(directory, reference.Attribute("Include")!.Value));
                pending.Push(Path.GetRelativePath(DeploymentFiles.Root, full).Replace(Path.DirectorySeparatorChar, '/'));
            }
        }

        return found;
    }

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Variable();
}

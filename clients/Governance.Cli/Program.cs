namespace Governance.Cli;

internal static class EntryPoint
{
    public static Task<int> Main(string[] args) => GovernanceCli.RunAsync(args);
}

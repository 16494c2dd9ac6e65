namespace Governance.Agent;

internal static class EntryPoint
{
    public static Task<int> Main(string[] args) => AgentCommandLine.RunAsync(args, Console.Out, Console.Error, handler: null, CancellationToken.None);
}

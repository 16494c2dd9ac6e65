namespace Governance.Cli.Demo;

/// <summary>One step of the demo and how it went.</summary>
/// <param name="Outcome">What was observed (a digest, a refusal reason, a count), for the record.</param>
public sealed record DemoStep(int Number, string Name, bool Passed, string Outcome);

namespace Governance.Domain.Contracts;

/// <summary>
/// The one rule for whether a contract names the workload it releases to: at least one measurement, HOST_DATA value
/// or ID-key digest, or a custom runtime whose launch manifest the release checks. Content is refused without it
/// (422), and a contract stored before the rule releases to nobody.
/// </summary>
public static class WorkloadPinning
{
    public static bool Pins(int measurements, int hostData, int idKeyDigests, bool customRuntime) =>
        measurements > 0 || hostData > 0 || idKeyDigests > 0 || customRuntime;
}

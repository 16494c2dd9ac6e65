namespace Governance.Protocol.Release;

/// <summary>One rule a refused release broke, as listed in the 403 problem's <c>failures</c> member.</summary>
/// <param name="Rule">Stable rule name, e.g. <c>nonce.unused</c>, <c>evidence.binding</c>, <c>policy.measurement</c>.</param>
/// <param name="Detail">What did not hold, without any secret value.</param>
public sealed record ReleaseRefusal(string Rule, string Detail);

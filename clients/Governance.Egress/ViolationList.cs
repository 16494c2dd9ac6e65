namespace Governance.Egress;

/// <summary>The violations found so far, at most <see cref="EgressCheckLimits.MaxViolations"/> of them kept.</summary>
internal sealed class ViolationList(int capacity)
{
    private readonly List<EgressViolation> _kept = [];

    public bool More { get; private set; }

    public IReadOnlyList<EgressViolation> Kept => _kept;

    public void Add(string rule, string where, string detail)
    {
        if (_kept.Count < capacity)
        {
            _kept.Add(new EgressViolation(rule, where, detail));
        }
        else
        {
            More = true;
        }
    }
}

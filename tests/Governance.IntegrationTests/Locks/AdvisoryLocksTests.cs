using System.Reflection;
using System.Text;
using Governance.Persistence;

namespace Governance.IntegrationTests.Locks;

public sealed class AdvisoryLocksTests
{
    private static readonly (string Name, long Key)[] Keys = [.. typeof(AdvisoryLocks)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(long))
        .Select(f => (f.Name, (long)f.GetRawConstantValue()!))];

    [Fact]
    public void Every_lock_key_is_distinct_and_reads_as_its_ascii_tag()
    {
        Assert.Equal(Keys.Length, Keys.Select(k => k.Key).Distinct().Count());
        var tags = Keys.ToDictionary(k => k.Name, k => Encoding.ASCII.GetString(BitConverter.GetBytes(k.Key).Reverse().SkipWhile(b => b == 0).ToArray()));
        Assert.Equal("auditlog", tags[nameof(AdvisoryLocks.AuditSequencer)]);
        Assert.Equal("gov_mem", tags[nameof(AdvisoryLocks.Membership)]);
        Assert.Equal("signkeys", tags[nameof(AdvisoryLocks.ServiceSigningKeys)]);
    }
}

using Governance.Domain.Audit;

namespace Governance.Domain.Tests.Audit;

public sealed class AuditScopeTests
{
    [Fact]
    public void An_auditor_sees_everything_whatever_its_contracts()
    {
        var scope = AuditScope.Of("carol", isAuditor: true, [Guid.NewGuid()]);
        Assert.True(scope.IsEverything);
        Assert.Same(AuditScope.Everything, scope);
    }

    [Fact]
    public void A_member_sees_its_actions_as_a_member_and_its_contracts_by_their_subjects()
    {
        var contract = Guid.Parse("3f2a0000-0000-7000-8000-0000000000ab");
        var scope = AuditScope.Of("system", isAuditor: false, [contract]);
        Assert.False(scope.IsEverything);
        Assert.Equal(AuditActor.Member("system"), scope.OwnActions);
        Assert.NotEqual(AuditActor.System, scope.OwnActions);
        Assert.Equal(["contract:3f2a0000-0000-7000-8000-0000000000ab"], scope.Subjects);
    }
}

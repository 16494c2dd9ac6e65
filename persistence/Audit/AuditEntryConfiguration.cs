
namespace Governance.Persistence.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntryRow>
{
    public void Configure(EntityTypeBuilder<AuditEntryRow> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasAssignedKey(e => e.Sequence);
        builder.Property(e => e.ActorKind).HasMaxLength(16);
        builder.Property(e => e.ActorId).HasMaxLength(200);
        builder.Property(e => e.Action).HasMaxLength(100);
        builder.Property(e => e.Outcome).HasMaxLength(16);
        builder.Property(e => e.Details).HasColumnType("jsonb");
        builder.Property(e => e.RequestId).HasMaxLength(100);
        builder.HasIndex(e => e.Timestamp);
        builder.HasIndex(e => new { e.Action, e.Sequence });
        builder.HasIndex(e => new { e.ActorId, e.Sequence });
        builder.HasIndex(e => e.Subjects).HasMethod("gin");
    }
}

internal sealed class AuditTreeNodeConfiguration : IEntityTypeConfiguration<AuditTreeNodeRow>
{
    public void Configure(EntityTypeBuilder<AuditTreeNodeRow> builder)
    {
        builder.ToTable("audit_tree_nodes");
        builder.HasKey(n => new { n.Level, n.NodeIndex });
    }
}

internal sealed class SignedTreeHeadConfiguration : IEntityTypeConfiguration<SignedTreeHeadRow>
{
    public void Configure(EntityTypeBuilder<SignedTreeHeadRow> builder)
    {
        builder.ToTable("audit_tree_heads");
        builder.HasAssignedKey(h => h.TreeSize);
        builder.Property(h => h.KeyId).HasMaxLength(ColumnWidths.KeyThumbprint);
    }
}

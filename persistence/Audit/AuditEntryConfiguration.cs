using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Persistence.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntryRow>
{
    public void Configure(EntityTypeBuilder<AuditEntryRow> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).HasColumnName("sequence").ValueGeneratedNever();
        builder.Property(e => e.Timestamp).HasColumnName("timestamp");
        builder.Property(e => e.ActorKind).HasColumnName("actor_kind").HasMaxLength(16);
        builder.Property(e => e.ActorId).HasColumnName("actor_id").HasMaxLength(200);
        builder.Property(e => e.Action).HasColumnName("action").HasMaxLength(100);
        builder.Property(e => e.Subjects).HasColumnName("subjects");
        builder.Property(e => e.Outcome).HasColumnName("outcome").HasMaxLength(16);
        builder.Property(e => e.Details).HasColumnName("details").HasColumnType("jsonb");
        builder.Property(e => e.RequestId).HasColumnName("request_id").HasMaxLength(100);
        builder.Property(e => e.LeafHash).HasColumnName("leaf_hash");
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
        builder.Property(n => n.Level).HasColumnName("level");
        builder.Property(n => n.NodeIndex).HasColumnName("node_index");
        builder.Property(n => n.Hash).HasColumnName("hash");
    }
}

internal sealed class SignedTreeHeadConfiguration : IEntityTypeConfiguration<SignedTreeHeadRow>
{
    public void Configure(EntityTypeBuilder<SignedTreeHeadRow> builder)
    {
        builder.ToTable("audit_tree_heads");
        builder.HasKey(h => h.TreeSize);
        builder.Property(h => h.TreeSize).HasColumnName("tree_size").ValueGeneratedNever();
        builder.Property(h => h.RootHash).HasColumnName("root_hash");
        builder.Property(h => h.Timestamp).HasColumnName("timestamp");
        builder.Property(h => h.KeyId).HasColumnName("key_id").HasMaxLength(64);
        builder.Property(h => h.Signature).HasColumnName("signature");
    }
}

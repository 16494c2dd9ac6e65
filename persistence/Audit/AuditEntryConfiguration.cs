using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Persistence.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntryRow>
{
    public void Configure(EntityTypeBuilder<AuditEntryRow> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).HasColumnName("sequence").UseIdentityAlwaysColumn();
        builder.Property(e => e.Timestamp).HasColumnName("timestamp");
        builder.Property(e => e.ActorKind).HasColumnName("actor_kind").HasMaxLength(16);
        builder.Property(e => e.ActorId).HasColumnName("actor_id").HasMaxLength(200);
        builder.Property(e => e.Action).HasColumnName("action").HasMaxLength(100);
        builder.Property(e => e.Subjects).HasColumnName("subjects");
        builder.Property(e => e.Outcome).HasColumnName("outcome").HasMaxLength(16);
        builder.Property(e => e.Details).HasColumnName("details").HasColumnType("jsonb");
        builder.Property(e => e.RequestId).HasColumnName("request_id").HasMaxLength(100);
        builder.HasIndex(e => e.Timestamp);
        builder.HasIndex(e => e.Action);
    }
}

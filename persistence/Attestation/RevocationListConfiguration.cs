using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Persistence.Attestation;

internal sealed class RevocationListConfiguration : IEntityTypeConfiguration<RevocationListRow>
{
    public void Configure(EntityTypeBuilder<RevocationListRow> builder)
    {
        builder.ToTable("attestation_revocation_lists");
        builder.HasKey(e => e.StoreKey);
        builder.Property(e => e.StoreKey).HasColumnName("store_key").HasMaxLength(100);
        builder.Property(e => e.Der).HasColumnName("der");
        builder.Property(e => e.ThisUpdate).HasColumnName("this_update");
        builder.Property(e => e.NextUpdate).HasColumnName("next_update");
        builder.Property(e => e.StoredAt).HasColumnName("stored_at");
    }
}

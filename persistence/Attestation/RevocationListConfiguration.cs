
namespace Governance.Persistence.Attestation;

internal sealed class RevocationListConfiguration : IEntityTypeConfiguration<RevocationListRow>
{
    public void Configure(EntityTypeBuilder<RevocationListRow> builder)
    {
        builder.ToTable("attestation_revocation_lists");
        builder.HasKey(e => e.StoreKey);
        builder.Property(e => e.StoreKey).HasMaxLength(100);
    }
}

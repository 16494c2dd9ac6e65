
namespace Governance.Persistence.Attestation;

internal sealed class EndorsementConfiguration : IEntityTypeConfiguration<EndorsementRow>
{
    public void Configure(EntityTypeBuilder<EndorsementRow> builder)
    {
        builder.ToTable("attestation_endorsements");
        builder.HasKey(e => e.CacheKey);
        builder.Property(e => e.CacheKey).HasMaxLength(300);
    }
}

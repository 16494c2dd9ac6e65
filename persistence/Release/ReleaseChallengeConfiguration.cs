
namespace Governance.Persistence.Release;

internal sealed class ReleaseChallengeConfiguration : IEntityTypeConfiguration<ReleaseChallengeRow>
{
    public void Configure(EntityTypeBuilder<ReleaseChallengeRow> builder)
    {
        builder.ToTable("release_challenges");
        builder.HasKey(c => c.Nonce);
        builder.HasIndex(c => c.ExpiresAt);
    }
}

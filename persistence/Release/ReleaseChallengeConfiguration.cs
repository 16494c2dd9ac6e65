using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Persistence.Release;

internal sealed class ReleaseChallengeConfiguration : IEntityTypeConfiguration<ReleaseChallengeRow>
{
    public void Configure(EntityTypeBuilder<ReleaseChallengeRow> builder)
    {
        builder.ToTable("release_challenges");
        builder.HasKey(c => c.Nonce);
        builder.Property(c => c.Nonce).HasColumnName("nonce");
        builder.Property(c => c.CreatedAt).HasColumnName("created_at");
        builder.Property(c => c.ExpiresAt).HasColumnName("expires_at");
        builder.Property(c => c.UsedAt).HasColumnName("used_at");
        builder.HasIndex(c => c.ExpiresAt);
    }
}

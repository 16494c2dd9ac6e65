using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Persistence.Keys;

internal sealed class ServiceSigningKeyConfiguration : IEntityTypeConfiguration<ServiceSigningKeyRow>
{
    public void Configure(EntityTypeBuilder<ServiceSigningKeyRow> builder)
    {
        builder.ToTable("service_signing_keys");
        builder.HasKey(k => k.KeyId);
        builder.Property(k => k.KeyId).HasColumnName("key_id").HasMaxLength(64);
        builder.Property(k => k.WrappedPrivateKey).HasColumnName("wrapped_private_key");
        builder.Property(k => k.KekId).HasColumnName("kek_id").HasMaxLength(100);
        builder.Property(k => k.LegacyPrivateKeyPkcs8).HasColumnName("private_key_pkcs8");
        builder.Property(k => k.PublicKeySpki).HasColumnName("public_key_spki");
        builder.Property(k => k.CreatedAt).HasColumnName("created_at");
        builder.HasIndex(k => k.CreatedAt);
    }
}

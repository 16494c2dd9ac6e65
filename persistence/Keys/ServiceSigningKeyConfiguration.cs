
namespace Governance.Persistence.Keys;

internal sealed class ServiceSigningKeyConfiguration : IEntityTypeConfiguration<ServiceSigningKeyRow>
{
    public void Configure(EntityTypeBuilder<ServiceSigningKeyRow> builder)
    {
        builder.ToTable("service_signing_keys");
        builder.HasKey(k => k.KeyId);
        builder.Property(k => k.KeyId).HasMaxLength(ColumnWidths.KeyThumbprint);
        builder.Property(k => k.KekId).HasMaxLength(ColumnWidths.KekId);
        builder.Property(k => k.LegacyPrivateKeyPkcs8).HasColumnName("private_key_pkcs8");
        builder.HasIndex(k => k.CreatedAt);
    }
}

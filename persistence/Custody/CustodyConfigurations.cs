
namespace Governance.Persistence.Custody;

internal sealed class CustodyConfiguration : IEntityTypeConfiguration<CustodyRow>
{
    public void Configure(EntityTypeBuilder<CustodyRow> builder)
    {
        builder.ToSingletonTable("service_custody");
        builder.Property(c => c.KeyId).HasMaxLength(ColumnWidths.KekId);
    }
}

internal sealed class MeasurementSealConfiguration : IEntityTypeConfiguration<MeasurementSealRow>
{
    public void Configure(EntityTypeBuilder<MeasurementSealRow> builder)
    {
        builder.ToTable("service_custody_seals");
        builder.HasKey(s => new { s.KeyId, s.ChipId, s.Measurement });
        builder.Property(s => s.KeyId).HasMaxLength(ColumnWidths.KekId);
        builder.Property(s => s.ChipId).HasMaxLength(128);
        builder.Property(s => s.Measurement).HasMaxLength(ColumnWidths.Measurement);
    }
}

internal sealed class RecoveryShareConfiguration : IEntityTypeConfiguration<RecoveryShareRow>
{
    public void Configure(EntityTypeBuilder<RecoveryShareRow> builder)
    {
        builder.ToTable("service_recovery_shares");
        builder.HasKey(s => s.MemberId);
        // One wider than a member id needs, as the table was first created.
        builder.Property(s => s.MemberId).HasMaxLength(64);
        builder.Property(s => s.KeyId).HasMaxLength(ColumnWidths.KekId);
        builder.Property(s => s.RecoveryKeyId).HasMaxLength(ColumnWidths.KeyThumbprint);
        builder.Property(s => s.EncryptedShare).HasMaxLength(4096);
    }
}

internal sealed class KeyRequestConfiguration : IEntityTypeConfiguration<KeyRequestRow>
{
    public void Configure(EntityTypeBuilder<KeyRequestRow> builder)
    {
        builder.ToTable("service_key_requests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Measurement).HasMaxLength(ColumnWidths.Measurement);
        builder.Property(r => r.State).HasMaxLength(16);
        builder.HasIndex(r => new { r.State, r.CreatedAt });
    }
}

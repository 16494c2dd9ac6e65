
namespace Governance.Persistence.Secrets;

internal sealed class SecretConfiguration : IEntityTypeConfiguration<SecretRow>
{
    public void Configure(EntityTypeBuilder<SecretRow> builder)
    {
        builder.ToTable("secrets");
        builder.HasIdentityKey(s => s.Id);
        builder.Property(s => s.Owner).HasMaxLength(200);
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.Backend).HasMaxLength(32);
        builder.Property(s => s.KekId).HasMaxLength(ColumnWidths.KekId);
        builder.Property(s => s.VaultReference).HasMaxLength(300);
        builder.HasIndex(s => new { s.Owner, s.Name, s.Version }).IsUnique();
        builder.HasIndex(s => s.KekId);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Persistence.Secrets;

internal sealed class SecretConfiguration : IEntityTypeConfiguration<SecretRow>
{
    public void Configure(EntityTypeBuilder<SecretRow> builder)
    {
        builder.ToTable("secrets");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        builder.Property(s => s.Owner).HasColumnName("owner").HasMaxLength(200);
        builder.Property(s => s.Name).HasColumnName("name").HasMaxLength(100);
        builder.Property(s => s.Version).HasColumnName("version");
        builder.Property(s => s.Length).HasColumnName("length");
        builder.Property(s => s.CreatedAt).HasColumnName("created_at");
        builder.Property(s => s.DeletedAt).HasColumnName("deleted_at");
        builder.Property(s => s.Backend).HasColumnName("backend").HasMaxLength(32);
        builder.Property(s => s.KekId).HasColumnName("kek_id").HasMaxLength(100);
        builder.Property(s => s.WrappedKey).HasColumnName("wrapped_key");
        builder.Property(s => s.Ciphertext).HasColumnName("ciphertext");
        builder.Property(s => s.VaultReference).HasColumnName("vault_reference").HasMaxLength(300);
        builder.HasIndex(s => new { s.Owner, s.Name, s.Version }).IsUnique();
        builder.HasIndex(s => s.KekId);
    }
}

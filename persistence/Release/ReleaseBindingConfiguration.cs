
namespace Governance.Persistence.Release;

internal sealed class ReleaseBindingConfiguration : IEntityTypeConfiguration<ReleaseBindingRow>
{
    public void Configure(EntityTypeBuilder<ReleaseBindingRow> builder)
    {
        builder.ToTable("release_bindings");
        builder.HasKey(b => new { b.ContractId, b.Thumbprint });
        builder.Property(b => b.Thumbprint).HasMaxLength(ColumnWidths.KeyThumbprint);
        builder.Property(b => b.PublicJwk).HasMaxLength(4000);
        builder.Property(b => b.ClaimsDigest).HasMaxLength(64);
        builder.HasOne<Contract>().WithMany().HasForeignKey(b => b.ContractId).OnDelete(DeleteBehavior.Restrict);
    }
}

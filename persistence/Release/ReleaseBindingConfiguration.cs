
namespace Governance.Persistence.Release;

internal sealed class ReleaseBindingConfiguration : IEntityTypeConfiguration<ReleaseBindingRow>
{
    public void Configure(EntityTypeBuilder<ReleaseBindingRow> builder)
    {
        builder.ToTable("release_bindings");
        builder.HasKey(b => new { b.ContractId, b.Thumbprint });
        builder.Property(b => b.ContractId).HasColumnName("contract_id");
        builder.Property(b => b.Thumbprint).HasColumnName("thumbprint").HasMaxLength(64);
        builder.Property(b => b.PublicJwk).HasColumnName("public_jwk").HasMaxLength(4000);
        builder.Property(b => b.ClaimsDigest).HasColumnName("claims_digest").HasMaxLength(64);
        builder.Property(b => b.BoundAt).HasColumnName("bound_at");
        builder.HasOne<Contract>().WithMany().HasForeignKey(b => b.ContractId).OnDelete(DeleteBehavior.Restrict);
    }
}

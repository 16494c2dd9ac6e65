
namespace Governance.Persistence.Members;

internal sealed class MemberConfiguration : IEntityTypeConfiguration<MemberRow>
{
    public void Configure(EntityTypeBuilder<MemberRow> builder)
    {
        builder.ToTable("members");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).HasMaxLength(ColumnWidths.MemberId);
        builder.Property(m => m.DisplayName).HasMaxLength(200);
        builder.Property(m => m.Status).HasMaxLength(16);
        builder.Property(m => m.RecoveryKeyJwk).HasMaxLength(512);
        builder.Property(m => m.RecoveryKeyId).HasMaxLength(ColumnWidths.KeyThumbprint);
        builder.HasMany(m => m.Keys).WithOne().HasForeignKey(k => k.MemberId);
        builder.HasMany(m => m.ExternalIdentities).WithOne().HasForeignKey(i => i.MemberId);
    }
}

internal sealed class MemberKeyConfiguration : IEntityTypeConfiguration<MemberKeyRow>
{
    public void Configure(EntityTypeBuilder<MemberKeyRow> builder)
    {
        builder.ToTable("member_keys");
        builder.HasKey(k => k.KeyId);
        builder.Property(k => k.KeyId).HasMaxLength(ColumnWidths.KeyThumbprint);
        builder.Property(k => k.MemberId).HasMaxLength(ColumnWidths.MemberId);
        builder.Property(k => k.Algorithm).HasMaxLength(8);
        builder.HasIndex(k => k.MemberId);
    }
}

internal sealed class ExternalIdentityConfiguration : IEntityTypeConfiguration<ExternalIdentityRow>
{
    public void Configure(EntityTypeBuilder<ExternalIdentityRow> builder)
    {
        builder.ToTable("member_external_identities");
        builder.HasKey(i => new { i.Issuer, i.Subject });
        builder.Property(i => i.Issuer).HasMaxLength(500);
        builder.Property(i => i.Subject).HasMaxLength(500);
        builder.Property(i => i.MemberId).HasMaxLength(ColumnWidths.MemberId);
        builder.HasIndex(i => i.MemberId);
    }
}

internal sealed class ConsortiumSettingsConfiguration : IEntityTypeConfiguration<ConsortiumSettingsRow>
{
    public void Configure(EntityTypeBuilder<ConsortiumSettingsRow> builder)
    {
        builder.ToSingletonTable("consortium_settings");
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.MembershipQuorum).HasMaxLength(16);
    }
}

internal sealed class ProposalConfiguration : IEntityTypeConfiguration<ProposalRow>
{
    public void Configure(EntityTypeBuilder<ProposalRow> builder)
    {
        builder.ToTable("proposals");
        builder.HasAssignedKey(p => p.Id);
        builder.Property(p => p.Kind).HasMaxLength(32);
        builder.Property(p => p.ProposerId).HasMaxLength(ColumnWidths.MemberId);
        builder.Property(p => p.State).HasMaxLength(16);
        builder.Property(p => p.Change).HasColumnType("jsonb");
        builder.HasListingSequence(nameof(ProposalRow.ListingSequence));
        builder.HasMany(p => p.Ballots).WithOne().HasForeignKey(b => b.ProposalId);
        builder.HasIndex(p => p.State);
    }
}

internal sealed class BallotConfiguration : IEntityTypeConfiguration<BallotRow>
{
    public void Configure(EntityTypeBuilder<BallotRow> builder)
    {
        builder.ToTable("ballots");
        builder.HasKey(b => new { b.ProposalId, b.MemberId });
        builder.Property(b => b.MemberId).HasMaxLength(ColumnWidths.MemberId);
        builder.Property(b => b.Vote).HasMaxLength(16);
    }
}

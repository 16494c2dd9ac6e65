using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Persistence.Members;

internal sealed class MemberConfiguration : IEntityTypeConfiguration<MemberRow>
{
    public void Configure(EntityTypeBuilder<MemberRow> builder)
    {
        builder.ToTable("members");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).HasColumnName("id").HasMaxLength(63);
        builder.Property(m => m.DisplayName).HasColumnName("display_name").HasMaxLength(200);
        builder.Property(m => m.Roles).HasColumnName("roles");
        builder.Property(m => m.Status).HasColumnName("status").HasMaxLength(16);
        builder.Property(m => m.CreatedAt).HasColumnName("created_at");
        builder.Property(m => m.RemovedAt).HasColumnName("removed_at");
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
        builder.Property(k => k.KeyId).HasColumnName("key_id").HasMaxLength(64);
        builder.Property(k => k.MemberId).HasColumnName("member_id").HasMaxLength(63);
        builder.Property(k => k.Algorithm).HasColumnName("algorithm").HasMaxLength(8);
        builder.Property(k => k.PublicJwk).HasColumnName("public_jwk");
        builder.Property(k => k.AddedAt).HasColumnName("added_at");
        builder.Property(k => k.RemovedAt).HasColumnName("removed_at");
        builder.HasIndex(k => k.MemberId);
    }
}

internal sealed class ExternalIdentityConfiguration : IEntityTypeConfiguration<ExternalIdentityRow>
{
    public void Configure(EntityTypeBuilder<ExternalIdentityRow> builder)
    {
        builder.ToTable("member_external_identities");
        builder.HasKey(i => new { i.Issuer, i.Subject });
        builder.Property(i => i.Issuer).HasColumnName("issuer").HasMaxLength(500);
        builder.Property(i => i.Subject).HasColumnName("subject").HasMaxLength(500);
        builder.Property(i => i.MemberId).HasColumnName("member_id").HasMaxLength(63);
        builder.HasIndex(i => i.MemberId);
    }
}

internal sealed class ConsortiumSettingsConfiguration : IEntityTypeConfiguration<ConsortiumSettingsRow>
{
    public void Configure(EntityTypeBuilder<ConsortiumSettingsRow> builder)
    {
        builder.ToTable("consortium_settings", t => t.HasCheckConstraint("ck_consortium_settings_singleton", "id = 1"));
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(s => s.Name).HasColumnName("name").HasMaxLength(200);
        builder.Property(s => s.MembershipQuorum).HasColumnName("membership_quorum").HasMaxLength(16);
        builder.Property(s => s.AllowUnsignedApprovalsForExternalIdentities).HasColumnName("allow_unsigned_approvals_for_external_identities");
        builder.Property(s => s.CreatedAt).HasColumnName("created_at");
    }
}

internal sealed class ProposalConfiguration : IEntityTypeConfiguration<ProposalRow>
{
    public void Configure(EntityTypeBuilder<ProposalRow> builder)
    {
        builder.ToTable("proposals");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(p => p.Kind).HasColumnName("kind").HasMaxLength(32);
        builder.Property(p => p.ProposerId).HasColumnName("proposer_id").HasMaxLength(63);
        builder.Property(p => p.State).HasColumnName("state").HasMaxLength(16);
        builder.Property(p => p.Change).HasColumnName("change").HasColumnType("jsonb");
        builder.Property(p => p.CreatedAt).HasColumnName("created_at");
        builder.Property(p => p.ClosedAt).HasColumnName("closed_at");
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
        builder.Property(b => b.ProposalId).HasColumnName("proposal_id");
        builder.Property(b => b.MemberId).HasColumnName("member_id").HasMaxLength(63);
        builder.Property(b => b.Vote).HasColumnName("vote").HasMaxLength(16);
        builder.Property(b => b.CastAt).HasColumnName("cast_at");
    }
}

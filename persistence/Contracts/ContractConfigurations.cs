namespace Governance.Persistence.Contracts;

internal sealed class ContractConfiguration : IEntityTypeConfiguration<Contract>
{
    /// <summary>Shadow identity column: the listing cursor, in creation order.</summary>
    public const string ListingSequence = "ListingSequence";

    public void Configure(EntityTypeBuilder<Contract> builder)
    {
        builder.ToTable("contracts");
        builder.HasAssignedKey(c => c.Id);
        builder.HasListingSequence(ListingSequence);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.ProposerId).HasMaxLength(ColumnWidths.MemberId);
        builder.Property(c => c.Content).HasColumnType("jsonb")
            .HasConversion(
                content => JsonSerializer.Serialize(content, ContractJson.Options),
                json => JsonSerializer.Deserialize<ContractContent>(json, ContractJson.Options)!,
                new ValueComparer<ContractContent>(
                    (a, b) => ReferenceEquals(a, b),
                    content => content.GetHashCode(),
                    content => content));
        builder.Property(c => c.Digest).HasMaxLength(32);
        builder.Property(c => c.Revision).IsConcurrencyToken();
        builder.Property(c => c.Reason).HasMaxLength(2000);
        builder.Property(c => c.AcceptanceSeal).HasMaxLength(4000);
        builder.Ignore(c => c.DigestHex);
        builder.Ignore(c => c.Policy);
        builder.Ignore(c => c.EffectivePolicy);
        builder.Ignore(c => c.PendingEvents);
        builder.Ignore(c => c.Consent);
        builder.HasMany(c => c.Consents).WithOne().HasForeignKey(a => a.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(c => c.Consents).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(c => c.Approvals).WithOne().HasForeignKey(a => a.ContractId);
        builder.Navigation(c => c.Approvals).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasOne<Contract>().WithMany().HasForeignKey(c => c.PreviousVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.Parties).HasMethod("gin");
        builder.HasIndex(c => c.State);
    }
}

internal sealed class ContractApprovalConfiguration : IEntityTypeConfiguration<ContractApproval>
{
    public void Configure(EntityTypeBuilder<ContractApproval> builder)
    {
        builder.ToTable("contract_approvals");
        // One approval per party per contract: a second vote can never be stored, whatever the race.
        builder.HasKey(a => new { a.ContractId, a.MemberId });
        builder.Property(a => a.MemberId).HasMaxLength(ColumnWidths.MemberId);
        builder.Property(a => a.Digest).HasMaxLength(32);
        builder.Property(a => a.Signature).HasMaxLength(4000);
        builder.Property(a => a.KeyId).HasMaxLength(ColumnWidths.KeyThumbprint);
        builder.Property(a => a.PublicJwk).HasMaxLength(1000);
        builder.Property(a => a.IsUnsigned).HasColumnName("unsigned");
    }
}

internal sealed class ContractConsentConfiguration : IEntityTypeConfiguration<ContractConsent>
{
    public void Configure(EntityTypeBuilder<ContractConsent> builder)
    {
        builder.ToTable("contract_consents");
        // One change per sequence number: of two concurrent changes signing the same number, one is stored.
        builder.HasKey(c => new { c.ContractId, c.Sequence });
        builder.Property(c => c.Sequence).ValueGeneratedNever();
        builder.Property(c => c.MemberId).HasMaxLength(ColumnWidths.MemberId);
        builder.Property(c => c.Switch).HasConversion(s => s.ToWire(), s => ConsentSwitches.Parse(s)).HasMaxLength(16);
        builder.Property(c => c.Reason).HasMaxLength(2000);
        builder.Property(c => c.Signature).HasMaxLength(4000);
        builder.Property(c => c.KeyId).HasMaxLength(ColumnWidths.KeyThumbprint);
        builder.Property(c => c.PublicJwk).HasMaxLength(1000);
    }
}

internal sealed class ContractEventConfiguration : IEntityTypeConfiguration<ContractEvent>
{
    public void Configure(EntityTypeBuilder<ContractEvent> builder)
    {
        builder.ToTable("contract_events");
        builder.HasIdentityKey(e => e.Sequence);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.ActorKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Actor).HasMaxLength(ColumnWidths.MemberId);
        builder.Ignore(e => e.By);
        builder.Property(e => e.Digest).HasMaxLength(32);
        builder.Property(e => e.Reason).HasMaxLength(2000);
        builder.HasOne<Contract>().WithMany().HasForeignKey(e => e.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => e.ContractId);
    }
}

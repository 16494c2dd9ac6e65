namespace Governance.Persistence;

/// <summary>
/// The ways several tables identify their rows, each named once: a key the storing code chooses, a key the database
/// numbers, a creation-order cursor for listings, and the tables that hold a single row.
/// </summary>
internal static class TableKeys
{
    private const string SingletonKey = "Id";

    /// <summary>
    /// The code that stores a row chooses its key (a fresh id, the next sequence number), so the database must never
    /// generate one in its place.
    /// </summary>
    public static void HasAssignedKey<TRow, TKey>(this EntityTypeBuilder<TRow> builder, Expression<Func<TRow, TKey>> key)
        where TRow : class
    {
        var property = builder.Property(key).ValueGeneratedNever();
        builder.HasKey(property.Metadata.Name);
    }

    /// <summary>The database numbers rows in insert order; an always-identity column refuses a number from anyone else.</summary>
    public static void HasIdentityKey<TRow>(this EntityTypeBuilder<TRow> builder, Expression<Func<TRow, long>> key)
        where TRow : class
    {
        var property = builder.Property(key).UseIdentityAlwaysColumn();
        builder.HasKey(property.Metadata.Name);
    }

    /// <summary>
    /// A number the database assigns in creation order, unique, which listings page by (newest first, after a cursor)
    /// because the row's own key does not follow creation order.
    /// </summary>
    public static void HasListingSequence<TRow>(this EntityTypeBuilder<TRow> builder, string property)
        where TRow : class
    {
        builder.Property<long>(property).UseIdentityAlwaysColumn();
        builder.HasAlternateKey(property);
    }

    /// <summary>
    /// A table of one row, keyed by its <c>Id</c> of 1: the storing code sets the id, and a check constraint makes the
    /// database refuse a second row.
    /// </summary>
    public static void ToSingletonTable<TRow>(this EntityTypeBuilder<TRow> builder, string table)
        where TRow : class
    {
        builder.ToTable(table, t => t.HasCheckConstraint($"ck_{table}_singleton", "id = 1"));
        builder.Property<int>(SingletonKey).ValueGeneratedNever();
        builder.HasKey(SingletonKey);
    }
}

namespace Governance.Api.Problems;

/// <summary>
/// Refuses, in one place, every string of a request that PostgreSQL could not store (U+0000, an unpaired
/// surrogate): each string member of every JSON body, every query-string name and value, and the path (route
/// values come from it). Without this, such a value reached the database and failed there as a 500.
/// </summary>
internal static class StorableStrings
{
    public const string Problem = "contains U+0000 or an unpaired surrogate, which this service does not accept";

    /// <summary>Reads JSON strings, refusing the unstorable ones; the serializer adds the member's path to the error.</summary>
    public sealed class Converter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException("A string is expected here.");
            }

            string? value;
            try
            {
                value = reader.GetString();
            }
            catch (InvalidOperationException)
            {
                // GetString throws this for a \uD800-style escape that does not form a pair; it is the caller's input.
                throw new JsonException($"A string {Problem}.");
            }

            if (value is not null && !StorableText.IsStorable(value))
            {
                throw new JsonException($"A string {Problem}.");
            }

            return value;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    /// <summary>
    /// Reads JSON kept as a <see cref="JsonElement"/> (JWKs, whose members are read later), refusing an element with an
    /// unstorable string anywhere in it, member names included: reading such a string later would throw outside binding.
    /// </summary>
    public sealed class ElementConverter : JsonConverter<JsonElement>
    {
        public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            if (!IsStorable(document.RootElement, depth: 0))
            {
                throw new JsonException($"A string {Problem}.");
            }

            return document.RootElement.Clone();
        }

        public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) => value.WriteTo(writer);

        private static bool IsStorable(JsonElement element, int depth)
        {
            // The reader already bounds nesting (MaxDepth); this only walks what it accepted.
            try
            {
                return element.ValueKind switch
                {
                    JsonValueKind.String => StorableText.IsStorable(element.GetString()),
                    JsonValueKind.Array => element.EnumerateArray().All(e => IsStorable(e, depth + 1)),
                    JsonValueKind.Object => element.EnumerateObject().All(p => StorableText.IsStorable(p.Name) && IsStorable(p.Value, depth + 1)),
                    _ => true,
                };
            }
            catch (InvalidOperationException)
            {
                // GetString and Name throw this for an escape that is half of a surrogate pair.
                return false;
            }
        }
    }

    public static WebApplication UseStorableStrings(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (!StorableText.IsStorable(request.Path.Value))
            {
                throw DomainException.BadRequest($"The path {Problem}.");
            }

            foreach (var (name, values) in request.Query)
            {
                if (!StorableText.IsStorable(name))
                {
                    throw DomainException.BadRequest($"A query parameter name {Problem}.");
                }

                foreach (var value in values)
                {
                    if (value is not null && !StorableText.IsStorable(value))
                    {
                        throw DomainException.BadRequest($"Query parameter '{AuditBounds.Bound(name, 64)}' {Problem}.");
                    }
                }
            }

            await next(context);
        });
        return app;
    }
}

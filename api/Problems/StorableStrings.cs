using System.Text.Json;
using System.Text.Json.Serialization;
using Governance.Domain.Audit;
using Governance.Domain.Errors;
using Governance.Domain.Validation;

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

namespace Governance.Api.Problems;

/// <summary>
/// The <c>type</c> of a problem that names no type of its own: the section of RFC 9110 (or RFC 6585) that defines its
/// status. The framework's writer knows only some statuses, and answers it never writes (a 431 from the header limit,
/// a 428, a parser refusal) had none.
/// </summary>
internal static class ProblemTypes
{
    public static string For(int status) => status switch
    {
        400 => Rfc9110("15.5.1"),
        401 => Rfc9110("15.5.2"),
        403 => Rfc9110("15.5.4"),
        404 => Rfc9110("15.5.5"),
        405 => Rfc9110("15.5.6"),
        406 => Rfc9110("15.5.7"),
        408 => Rfc9110("15.5.9"),
        409 => Rfc9110("15.5.10"),
        411 => Rfc9110("15.5.12"),
        412 => Rfc9110("15.5.13"),
        413 => Rfc9110("15.5.14"),
        414 => Rfc9110("15.5.15"),
        415 => Rfc9110("15.5.16"),
        422 => Rfc9110("15.5.21"),
        426 => Rfc9110("15.5.22"),
        428 => Rfc6585(3),
        429 => Rfc6585(4),
        431 => Rfc6585(5),
        500 => Rfc9110("15.6.1"),
        502 => Rfc9110("15.6.3"),
        503 => Rfc9110("15.6.4"),
        504 => Rfc9110("15.6.5"),
        505 => Rfc9110("15.6.6"),
        _ => "about:blank",
    };

    private static string Rfc9110(string section) => $"https://tools.ietf.org/html/rfc9110#section-{section}";

    private static string Rfc6585(int section) => $"https://tools.ietf.org/html/rfc6585#section-{section}";
}

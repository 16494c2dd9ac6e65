using Microsoft.Net.Http.Headers;

namespace Governance.Api.WebConsole;

/// <summary>
/// The web console at <c>/console</c>: static files embedded in this assembly (JavaScript modules served as written, so
/// the service needs no Node.js; <c>clients/web-console/</c> only type-checks them), served under a policy that lets the
/// page run only its own scripts and talk only to this origin. The page calls the public API like any other client.
/// </summary>
public static class ConsoleSetup
{
    public const string Path = "/console";

    /// <summary>
    /// No inline script or style, nothing from another origin, no framing, no plugins; connect-src 'self' keeps the page
    /// (and anything injected into it) from sending what it holds elsewhere.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>Resource names of the embedded assets start with this (see the project file).</summary>
    internal const string ResourcePrefix = "ConsoleAssets";

    public static WebApplication UseGovernanceConsole(this WebApplication app)
    {
        var files = new EmbeddedFileProvider(typeof(ConsoleSetup).Assembly, ResourcePrefix);
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Path), console =>
        {
            console.Use((context, next) =>
            {
                // Relative asset addresses resolve under /console/ only when the page's own address ends with the slash.
                if (context.Request.Path.Value is { } path && path.Length == Path.Length)
                {
                    context.Response.Redirect(Path + "/");
                    return Task.CompletedTask;
                }

                var headers = context.Response.Headers;
                headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
                headers[HeaderNames.XFrameOptions] = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                // A new build of the service brings new assets; revalidate rather than run stale ones.
                headers[HeaderNames.CacheControl] = "no-cache";
                return next(context);
            });
            console.UseDefaultFiles(new DefaultFilesOptions { RequestPath = Path, FileProvider = files });
            console.UseStaticFiles(new StaticFileOptions { RequestPath = Path, FileProvider = files });
        });
        return app;
    }
}

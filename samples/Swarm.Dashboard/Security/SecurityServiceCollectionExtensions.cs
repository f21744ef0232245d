using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Swarm.Dashboard.Security;

/// <summary>Registers the dashboard's credentials and who may do what.</summary>
internal static class SecurityServiceCollectionExtensions
{
    /// <summary>
    /// Data Protection (its key ring in <see cref="DashboardOptions.KeysPath"/>), the <see cref="PeerRegistry"/>, the
    /// <see cref="AdminCredential"/> (created at start), the peer and admin authentication handlers behind one default
    /// scheme that picks by the <c>Authorization</c> header, and the <c>peer</c> and <c>admin</c> policies.
    /// </summary>
    public static IServiceCollection AddDashboardSecurity(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("Swarm.Dashboard");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<DashboardOptions>, ILoggerFactory>((keys, dashboard, logging) =>
            keys.XmlRepository = new FileSystemXmlRepository(Directory.CreateDirectory(dashboard.Value.KeysPath), logging));
        services.AddSingleton(provider => PeerRegistry.Open(provider.GetRequiredService<IOptions<DashboardOptions>>().Value.PeersPath,
            provider.GetRequiredService<IDataProtectionProvider>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<AdminCredential>();
        services.AddHostedService(provider => provider.GetRequiredService<AdminCredential>());

        services.AddAuthentication(DashboardAuthentication.DefaultScheme)
            .AddPolicyScheme(DashboardAuthentication.DefaultScheme, "A peer's signature or the admin credential", scheme =>
                scheme.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith(PeerSignature.Scheme + " ", StringComparison.Ordinal)
                        ? DashboardAuthentication.PeerScheme
                        : DashboardAuthentication.AdminScheme)
            .AddScheme<AuthenticationSchemeOptions, PeerSignatureHandler>(DashboardAuthentication.PeerScheme, null)
            .AddScheme<AuthenticationSchemeOptions, AdminTokenHandler>(DashboardAuthentication.AdminScheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(DashboardAuthentication.PeerPolicy, policy => policy
                .AddAuthenticationSchemes(DashboardAuthentication.PeerScheme)
                .RequireClaim(DashboardAuthentication.PeerClaim)
                .RequireClaim(DashboardAuthentication.AccountClaim))
            .AddPolicy(DashboardAuthentication.AdminPolicy, policy => policy
                .AddAuthenticationSchemes(DashboardAuthentication.AdminScheme)
                .RequireRole(DashboardAuthentication.AdminRole));
        return services;
    }
}

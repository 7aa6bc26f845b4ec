using Microsoft.Extensions.Options;
using ServiceExcellence.Application.Alerts;

namespace ServiceExcellence.Infrastructure.Email;

internal sealed class AppLinks(IOptions<EmailOptions> options) : IAppLinks
{
    public string Alert(Guid alertId) => $"{options.Value.PublicBaseUrl.TrimEnd('/')}/Alerts/Details/{alertId}";

    public string Guarantee(Guid invocationId) => $"{options.Value.PublicBaseUrl.TrimEnd('/')}/Guarantees/Details/{invocationId}";
}

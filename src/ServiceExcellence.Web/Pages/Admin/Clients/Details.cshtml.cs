using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.Clients;

namespace ServiceExcellence.Web.Pages.Admin.Clients;

public sealed class DetailsModel(IMediator mediator) : PageModel
{
    public ClientDetails.Model Client { get; private set; } = default!;

    public async Task OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        Client = await mediator.Send(new ClientDetails.Query(id), cancellationToken);
}

using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceExcellence.Application.People;

namespace ServiceExcellence.Web.Pages.Admin.People;

/// <summary>Adds a member of staff with a sign-in account and an initial password.</summary>
public sealed class CreateModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public AddPerson.Command Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await mediator.Send(Input, cancellationToken);
        TempData["Notice"] = $"{Input.Name} added. Pass the initial password on to them in person or by phone, not by email.";
        return RedirectToPage("Index");
    }
}

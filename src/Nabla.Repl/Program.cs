// nabla: an interactive C# shell for Nabla.
//   dotnet run --project src/Nabla.Repl                  interactive (stdin a terminal)
//   echo 'Tensor.Ones(3)' | dotnet run --project src/Nabla.Repl    a piped session
//   nabla --eval "Tensor.Arange(6).Reshape(2, 3)"           one piece of code
//   nabla script.csx                                        a script file
using Nabla.Repl;

return await Cli.RunAsync(args, Console.In, Console.Out, Console.Error);

# The seed's chat streaming examples (async): events, get_final_completion() and until_done().
import asyncio

from typed_openai import AsyncOpenAI

client = AsyncOpenAI()


async def main() -> None:
    async with client.beta.chat.completions.stream(
        model="gpt-4o-2024-08-06",
        messages=[{"role": "user", "content": "Say hello in a few words."}],
    ) as stream:
        async for event in stream:
            if event.type == "content.delta":
                print(event.content, flush=True, end="")
    print()

    async with client.beta.chat.completions.stream(
        model="gpt-4o-2024-08-06",
        messages=[{"role": "user", "content": "And once more."}],
    ) as stream:
        completion = await stream.get_final_completion()
        print(completion.choices[0].message)

    async with client.beta.chat.completions.stream(
        model="gpt-4o-2024-08-06",
        messages=[{"role": "user", "content": "One last time."}],
    ) as stream:
        await stream.until_done()
        # stream is now finished
    print("until_done: finished")


asyncio.run(main())

# Text to speech, saved as a file.
import tempfile
import wave
from pathlib import Path

from typed_openai import OpenAI

client = OpenAI()

speech_file_path = Path(tempfile.mkdtemp()) / "speech.wav"

response = client.audio.speech.create(
    model="gpt-4o-mini-tts",
    voice="coral",
    input="Today is a wonderful day to build something people love!",
    instructions="Speak in a cheerful and positive tone.",
    response_format="wav",
)
response.write_to_file(speech_file_path)

with wave.open(str(speech_file_path)) as audio:
    seconds = audio.getnframes() / audio.getframerate()
print(
    f"saved {speech_file_path.name}: {speech_file_path.stat().st_size} bytes, {seconds:.1f} s of audio"
)

extern int frame_count;

int next_frame(void)
{
	return frame_count + 1;
}
